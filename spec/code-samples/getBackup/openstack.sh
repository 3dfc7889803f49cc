openstack database backup show b1111111-1111-1111-1111-111111111111
