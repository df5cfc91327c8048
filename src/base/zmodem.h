/* Files reach the officer's own computer over the SSH connection they
 * are on (issue 13): ZMODEM, by sz from Debian's lrzsz.  Xshell and
 * SecureCRT, common on township PCs, receive it by themselves into their
 * download folder; other clients have the officer's SFTP login
 * (cli/sftp.c).  The caller has given the terminal up first: sz talks to
 * the terminal directly. */
#ifndef JIANCE_ZMODEM_H
#define JIANCE_ZMODEM_H

#include "base/err.h"

/* Where sz is looked for: a fixed path, never the environment's PATH. */
#define ZMODEM_SZ "/usr/bin/sz"

/* Sends path with sz, run as the officer alone (the program's group given
 * up), on this process's terminal.  0 when sz says the file arrived; -1
 * with e set in plain Chinese otherwise (no sz, file unreadable by the
 * officer, transfer cancelled or refused by the terminal). */
int zmodem_send(const char *path, struct jerr *e);

#endif
