#include <catch2/catch.hpp>

#include "gittd/util/base64.hpp"
#include "gittd/util/hmac_sha1.hpp"

TEST_CASE("base64 and HMAC-SHA1 as known_hosts uses them") {
    CHECK(gittd::base64_encode("") == "");
    CHECK(gittd::base64_encode("fo") == "Zm8=");
    CHECK(gittd::base64_decode("Zm8=") == "fo");
    CHECK(gittd::base64_decode("Zm8") == "fo");  // OpenSSH's fingerprints drop the padding
    CHECK_FALSE(gittd::base64_decode("Zm8!").has_value());
    // RFC 2202 test case 2.
    CHECK(gittd::base64_encode(gittd::hmac_sha1("Jefe", "what do ya want for nothing?")) ==
          gittd::base64_encode(
              std::string("\xef\xfc\xdf\x6a\xe5\xeb\x2f\xa2\xd2\x74\x16\xd5\xf1\x84\xdf\x9c\x25\x9a\x7c\x79", 20)));
}
