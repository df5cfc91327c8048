/* Officers: the people who log in (SPEC §1), and identity from the OS. */
#ifndef JIANCE_OFFICER_H
#define JIANCE_OFFICER_H

#include <stdint.h>

#include "access/session.h"

/* Adds an officer.  The role must fit the area's level: village officers
 * sit on a village, township officers on a township, county officers and
 * admins on the county.  Only an admin may add (or bootstrap: s->me.id 0). */
int officer_add(struct session *s, const char *login, const char *name, const char *role,
                int64_t area_id, int64_t *out_id, struct jerr *e);
int officer_set_active(struct session *s, const char *login, int active, struct jerr *e);
int officer_each(struct session *s, void (*fn)(void *arg, const struct officer *o), void *arg);

/* 1 when the login of this process (the real uid) is an active admin of
 * the database at db_path.  Opens it on a connection of its own. */
int identity_is_admin(const char *db_path);
/* 1 for root, an admin of the database, or the owner of the database
 * file (a developer's own file; an installation's belongs to root): those
 * may act as another officer (--as) and use the test hooks
 * (cli/testhooks.c); nobody else. */
int identity_trusted(const char *db_path);
/* The login of this process (getpwuid(getuid())).  as_login, when given, is
 * honoured only if identity_trusted(db_path) (admin, tests). */
int identity_login(const char *db_path, const char *as_login, char *out, size_t n,
                   struct jerr *e);

#endif
