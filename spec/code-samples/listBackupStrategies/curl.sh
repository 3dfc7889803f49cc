curl -s "$TROVE_ENDPOINT/backup_strategies" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json"
