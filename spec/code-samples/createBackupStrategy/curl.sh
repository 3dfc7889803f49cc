# Store the backups of one instance in the Swift container "inst_backups"
curl -s -X POST "$TROVE_ENDPOINT/backup_strategies" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json" \
  -H "Content-Type: application/json" \
  -d '{"backup_strategy": {"swift_container": "inst_backups",
                           "instance_id": "44b277eb-39be-4921-be31-3d61b43651d7"}}'

# The project-wide strategy (no instance_id)
curl -s -X POST "$TROVE_ENDPOINT/backup_strategies" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json" \
  -H "Content-Type: application/json" \
  -d '{"backup_strategy": {"swift_container": "proj_backups"}}'
