// The package's name and version, for the User-Agent header (a test keeps
// them equal to package.json; importing package.json would put all of it in
// the browser bundle).
export const PACKAGE_NAME = 'trove-backups-contract';
export const PACKAGE_VERSION = '0.1.0';
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;
