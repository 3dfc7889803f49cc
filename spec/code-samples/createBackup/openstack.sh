# A full backup
openstack database backup create nightly \
  --instance 44b277eb-39be-4921-be31-3d61b43651d7 \
  --description "Nightly full backup"

# An incremental backup on the newest completed backup of the instance
openstack database backup create nightly-inc \
  --instance 44b277eb-39be-4921-be31-3d61b43651d7 \
  --incremental

# A record of a backup file copied from another region (status RESTORED)
openstack database backup create restored-from-region2 \
  --restore-from https://swift.region2.example.net:8080/v1/AUTH_proj/database_backups/b1111111-1111-1111-1111-111111111111.xbstream.gz.enc \
  --restore-datastore-version b00000b0-00b0-0b00-00b0-000b000000bb \
  --restore-size 0.12
