# Deletes the backup and its incremental children; the answer is 202, no body
curl -s -X DELETE "$TROVE_ENDPOINT/backups/b1111111-1111-1111-1111-111111111111" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json"
