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
// library, or is linked statically, nothing calls it and nothing changes.
namespace gittd::git {

void skip_tls_certificates();

}  // namespace gittd::git
