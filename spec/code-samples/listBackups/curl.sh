# The first page: at most 20 backups of one instance, newest first
curl -s "$TROVE_ENDPOINT/backups?limit=20&instance_id=44b277eb-39be-4921-be31-3d61b43651d7" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json"

# The next page: the marker is an offset, from the page's `next` link
curl -s "$TROVE_ENDPOINT/backups?limit=20&marker=20&instance_id=44b277eb-39be-4921-be31-3d61b43651d7" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json"
