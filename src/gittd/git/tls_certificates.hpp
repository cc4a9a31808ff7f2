#pragma once
// Debian's libgit2 is built with mbedTLS, and its git_libgit2_init parses
// every certificate of the system's CA bundle (/etc/ssl/certs): about 7 ms
// and 65-74% of the instructions of a `git td hook` run at 30k issues
// (bench/README.md), for HTTPS that a hook never opens. A command that
// opens no connection calls skip_tls_certificates() before libgit2 starts,
// and the bundle is not read (docs/decisions.md 120).
//
// How: libgit2 reads the bundle through mbedTLS's
// mbedtls_x509_crt_parse_file, which tls_certificates.cpp defines as well.
// The executable's definition comes first in the dynamic linker's lookup,
// so libgit2's call lands there: skipped, it parses nothing and reports
// success with an empty chain, so that any TLS connection the process still
// made would fail verification (fail closed, never trust); otherwise it
// forwards to mbedTLS's own function. Where libgit2 uses another TLS
// library, nothing calls it and nothing changes. (A program that linked
// mbedTLS statically and called skip_tls_certificates would not link: two
// definitions. The merge driver links it statically and never calls it.)
#include <cstddef>

namespace gittd::git {

// Call before libgit2 is initialised; afterwards the bundle is already read.
void skip_tls_certificates();

// How many certificate files libgit2 asked for and was not given (for tests:
// proof that libgit2's call reached the definition here).
size_t tls_certificate_files_skipped();

}  // namespace gittd::git
