/* What a county server looks like when set up (jiance setup) and what
 * jiance doctor checks it against: README "Deploying", SPEC §11. */
#ifndef JIANCE_DEPLOY_H
#define JIANCE_DEPLOY_H

#include <stddef.h>

#define DEPLOY_GROUP "jiance"
#define DEPLOY_DB "/var/lib/jiance/jiance.db"
#define DEPLOY_DIR_MODE 02770     /* root:GROUP, the group writes, files take the group */
#define DEPLOY_DB_MODE 0660       /* root:GROUP, nobody else */
#define DEPLOY_MIN_FREE_MB 1024   /* or twice the database, whichever is more */

/* The folder of the database file. */
void deploy_dir_of(const char *db_path, char *out, size_t n);

#endif
