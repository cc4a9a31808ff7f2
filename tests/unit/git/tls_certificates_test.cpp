#include <mbedtls/x509_crt.h>

#include <catch2/catch.hpp>
#include <fstream>

#include <git2.h>

#include "gittd/git/libgit2.hpp"
#include "gittd/git/tls_certificates.hpp"
#include "temp_dir.hpp"

namespace {

// A self-signed certificate (openssl req -x509 -newkey ec -subj /CN=test).
constexpr const char* certificate = R"(-----BEGIN CERTIFICATE-----
MIIBdDCCARmgAwIBAgIUO0OsTVDNUBBgwLoZqoDnCUx629MwCgYIKoZIzj0EAwIw
DzENMAsGA1UEAwwEdGVzdDAeFw0yNjEyMDMxNzE3MjRaFw0zNjExMzAxNzE3MjRa
MA8xDTALBgNVBAMMBHRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASe9Ym6
lBDJsI9r5dUGlTfpn23l36FUSAqBg43koS6Cs26p94p6O2NjRFpJlAIEGOSR+pSQ
I5vn7tFeukiXS7Obo1MwUTAdBgNVHQ4EFgQUZKrfuxF8Qx+Zi5NrrCQ5l38cIaIw
HwYDVR0jBBgwFoAUZKrfuxF8Qx+Zi5NrrCQ5l38cIaIwDwYDVR0TAQH/BAUwAwEB
/zAKBggqhkjOPQQDAgNJADBGAiEAswC9Yr5M5qWAWVgQVjse4/oJ65TGiQ9I4Hm4
aMh8HM8CIQDKqNk6BcXajrB5rTojz7il1EO7842mK27EuUYQL4v6/w==
-----END CERTIFICATE-----
)";

// How many certificates mbedtls_x509_crt_parse_file (as libgit2 calls it) reads from `file`.
size_t certificates_read(const std::filesystem::path& file) {
    mbedtls_x509_crt chain;
    mbedtls_x509_crt_init(&chain);
    const int rc = mbedtls_x509_crt_parse_file(&chain, file.c_str());
    size_t count = 0;
    for (const mbedtls_x509_crt* c = &chain; c != nullptr && c->raw.len > 0; c = c->next) ++count;
    mbedtls_x509_crt_free(&chain);
    REQUIRE(rc == 0);
    return count;
}

}  // namespace

// One test case: skipping cannot be undone within a process.
TEST_CASE("certificates are read by mbedTLS until a command that opens no connection skips them") {
    const TempDir dir;
    const auto file = dir.path() / "bundle.crt";
    std::ofstream(file) << certificate << certificate;
    CHECK(certificates_read(file) == 2);  // forwarded to mbedTLS's own parser
    gittd::git::skip_tls_certificates();
    CHECK(certificates_read(file) == 0);  // skipped: an empty chain, which trusts nobody

    // libgit2's own call lands here (the executable's definition comes
    // first): its global initialisation, run again, asks for the bundle.
    // Only where libgit2 loads one: Debian's does, from /etc/ssl/certs.
    if (std::filesystem::exists("/etc/ssl/certs/ca-certificates.crt")) {
        const size_t before = gittd::git::tls_certificate_files_skipped();
        gittd::git::ensure_libgit2();
        int users = 0;
        while (git_libgit2_shutdown() > 0) ++users;  // until the library is down
        for (int i = 0; i <= users; ++i) git_libgit2_init();
        CHECK(gittd::git::tls_certificate_files_skipped() > before);
    }
}
