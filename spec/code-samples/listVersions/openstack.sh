# The API versions of the database endpoints of the catalog
openstack versions show --service database
