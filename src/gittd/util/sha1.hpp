#pragma once
#include <array>
#include <memory>
#include <string_view>

namespace gittd {

// SHA-1 over bytes fed in pieces (mbedtls): what a pack's trailer is.
class Sha1 {
  public:
    Sha1();
    ~Sha1();
    Sha1(const Sha1&) = delete;
    Sha1& operator=(const Sha1&) = delete;

    void update(std::string_view bytes);
    // The 20 raw bytes of everything fed so far; the hash is spent after.
    std::array<unsigned char, 20> finish();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gittd
