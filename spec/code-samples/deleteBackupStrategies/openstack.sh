# The strategy of one instance; without --instance-id, the project-wide one
openstack database backup strategy delete \
  --instance-id 44b277eb-39be-4921-be31-3d61b43651d7
