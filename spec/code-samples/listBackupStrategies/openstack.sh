openstack database backup strategy list
