#pragma once
// Message digests for States.Hash (asl-semantics.md §7). They live here because the project links no
// crypto library; inputs are at most 10,000 characters, so clarity beats speed. Checked against the
// RFC 1321 and FIPS 180 test vectors.

#include <optional>
#include <string>
#include <string_view>

namespace sfn::interp {

// Lowercase hexadecimal digests of the bytes of `data`.
std::string md5_hex(std::string_view data);
std::string sha1_hex(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string sha384_hex(std::string_view data);
std::string sha512_hex(std::string_view data);

// By the algorithm names States.Hash accepts ("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
// nullopt for any other name.
std::optional<std::string> hash_hex(std::string_view algorithm, std::string_view data);

}  // namespace sfn::interp
