# A full backup
curl -s -X POST "$TROVE_ENDPOINT/backups" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json" \
  -H "Content-Type: application/json" \
  -d '{"backup": {"name": "nightly", "description": "Nightly full backup",
                  "instance": "44b277eb-39be-4921-be31-3d61b43651d7"}}'

# An incremental backup on the newest completed backup of the instance
curl -s -X POST "$TROVE_ENDPOINT/backups" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json" \
  -H "Content-Type: application/json" \
  -d '{"backup": {"name": "nightly-inc", "incremental": 1,
                  "instance": "44b277eb-39be-4921-be31-3d61b43651d7"}}'

# A record of a backup file copied from another region (status RESTORED)
curl -s -X POST "$TROVE_ENDPOINT/backups" \
  -H "X-Auth-Token: $OS_TOKEN" -H "Accept: application/json" \
  -H "Content-Type: application/json" \
  -d '{"backup": {"name": "restored-from-region2", "restore_from": {
        "remote_location": "https://swift.region2.example.net:8080/v1/AUTH_proj/database_backups/b1111111-1111-1111-1111-111111111111.xbstream.gz.enc",
        "local_datastore_version_id": "b00000b0-00b0-0b00-00b0-000b000000bb",
        "size": 0.12}}}'
