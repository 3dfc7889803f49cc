# Deletes the backup and its incremental children
openstack database backup delete b1111111-1111-1111-1111-111111111111
