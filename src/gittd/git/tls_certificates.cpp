#include "gittd/git/tls_certificates.hpp"

#include <dlfcn.h>
#include <mbedtls/x509_crt.h>

#include <atomic>

namespace gittd::git {

namespace {

std::atomic<bool> skipped{false};
std::atomic<size_t> files_skipped{0};

}  // namespace

void skip_tls_certificates() { skipped.store(true); }

size_t tls_certificate_files_skipped() { return files_skipped.load(); }

}  // namespace gittd::git

// mbedTLS's signature, with C linkage, so that libgit2's call reaches it.
extern "C" int mbedtls_x509_crt_parse_file(mbedtls_x509_crt* chain, const char* path) {
    if (gittd::git::skipped.load()) {
        ++gittd::git::files_skipped;
        return 0;  // nothing parsed, nothing trusted
    }
    using Parse = int (*)(mbedtls_x509_crt*, const char*);
    // The next definition after this executable's: mbedTLS's own.
    static const auto parse = reinterpret_cast<Parse>(dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file"));
    if (parse == nullptr) return MBEDTLS_ERR_X509_FILE_IO_ERROR;
    return parse(chain, path);
}
