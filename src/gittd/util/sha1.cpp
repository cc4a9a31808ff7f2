#include "gittd/util/sha1.hpp"

#include <mbedtls/sha1.h>

#include "gittd/util/error.hpp"

namespace gittd {

struct Sha1::Impl {
    mbedtls_sha1_context context;
};

Sha1::Sha1() : impl_(std::make_unique<Impl>()) {
    mbedtls_sha1_init(&impl_->context);
    if (mbedtls_sha1_starts_ret(&impl_->context) != 0) throw Error(ErrorCode::io, "cannot start a SHA-1");
}

Sha1::~Sha1() { mbedtls_sha1_free(&impl_->context); }

void Sha1::update(std::string_view bytes) {
    if (mbedtls_sha1_update_ret(&impl_->context, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) !=
        0) {
        throw Error(ErrorCode::io, "cannot compute a SHA-1");
    }
}

std::array<unsigned char, 20> Sha1::finish() {
    std::array<unsigned char, 20> digest{};
    if (mbedtls_sha1_finish_ret(&impl_->context, digest.data()) != 0)
        throw Error(ErrorCode::io, "cannot compute a SHA-1");
    return digest;
}

}  // namespace gittd
