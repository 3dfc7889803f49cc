# GET / is the root of the endpoint (without /v1.0/<project_id>); no token
curl -s "${TROVE_ENDPOINT%/v1.0/*}/" -H "Accept: application/json"
