curl -s "$TROVE_ENDPOINT/backups/b1111111-1111-1111-1111-111111111111" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json"
