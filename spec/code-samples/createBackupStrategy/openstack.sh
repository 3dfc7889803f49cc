# Store the backups of one instance in the Swift container "inst_backups"
openstack database backup strategy create \
  --instance-id 44b277eb-39be-4921-be31-3d61b43651d7 \
  --swift-container inst_backups

# The project-wide strategy (no --instance-id)
openstack database backup strategy create --swift-container proj_backups
