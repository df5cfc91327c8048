/* Sending a file jiance wrote to the officer's own computer over the SSH
 * connection, from any screen that wrote one (base/zmodem.h does it). */
#ifndef JIANCE_SENDFILE_H
#define JIANCE_SENDFILE_H

struct app;

/* Lends the terminal to sz for path, then says on the message line
 * whether the file arrived.  0 when it did. */
int file_send(struct app *app, const char *path);

#endif
