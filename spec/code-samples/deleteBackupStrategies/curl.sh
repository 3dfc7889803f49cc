# The strategy of one instance; without instance_id, the project-wide one
curl -s -X DELETE "$TROVE_ENDPOINT/backup_strategies?instance_id=44b277eb-39be-4921-be31-3d61b43651d7" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json"
