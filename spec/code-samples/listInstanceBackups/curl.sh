curl -s "$TROVE_ENDPOINT/instances/44b277eb-39be-4921-be31-3d61b43651d7/backups?limit=20" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json"
