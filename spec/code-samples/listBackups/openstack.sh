# One page of 20 backups of an instance (without --limit: every page)
openstack database backup list \
  --instance 44b277eb-39be-4921-be31-3d61b43651d7 --limit 20

# An admin: the backups of every project
openstack database backup list --all-projects
