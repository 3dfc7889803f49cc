openstack database backup list instance \
  44b277eb-39be-4921-be31-3d61b43651d7 --limit 20
