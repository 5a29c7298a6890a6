// MD5 (RFC 1321), SHA-1 and the SHA-2 family (FIPS 180-4), written from the standards.

#include "interpreter/hash_functions.h"

#include <array>
#include <cstdint>
#include <vector>

namespace sfn::interp {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

template <typename Word>
Word rotate_left(Word value, unsigned bits) {
  constexpr unsigned width = sizeof(Word) * 8;
  return static_cast<Word>((value << bits) | (value >> (width - bits)));
}

template <typename Word>
Word rotate_right(Word value, unsigned bits) {
  constexpr unsigned width = sizeof(Word) * 8;
  return static_cast<Word>((value >> bits) | (value << (width - bits)));
}

// Appends the 0x80 marker, zeros, and the message length in bits (`length_bytes` wide, big- or
// little-endian) so the total is a multiple of `block` bytes.
std::vector<std::uint8_t> pad_message(std::string_view data, std::size_t block, std::size_t length_bytes,
                                      bool big_endian) {
  std::vector<std::uint8_t> message(data.begin(), data.end());
  message.push_back(0x80);
  while ((message.size() + length_bytes) % block != 0) message.push_back(0);
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  // Lengths above 2^64 bits cannot occur; the high bytes of a 128-bit length are zero.
  for (std::size_t i = 0; i < length_bytes; ++i) {
    std::size_t shift_byte = big_endian ? length_bytes - 1 - i : i;
    message.push_back(shift_byte < 8 ? static_cast<std::uint8_t>(bits >> (8 * shift_byte)) : 0);
  }
  return message;
}

template <typename Word>
Word load_big_endian(const std::uint8_t* bytes) {
  Word value = 0;
  for (std::size_t i = 0; i < sizeof(Word); ++i) value = static_cast<Word>((value << 8) | bytes[i]);
  return value;
}

template <typename Word>
void append_big_endian_hex(std::string& out, Word value) {
  for (int shift = static_cast<int>(sizeof(Word) * 8) - 4; shift >= 0; shift -= 4) {
    out += kHexDigits[(value >> shift) & 0xf];
  }
}

// ---- MD5 ----

constexpr std::array<std::uint32_t, 64> kMd5Sines = {
    0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu, 0xf57c0fafu, 0x4787c62au, 0xa8304613u, 0xfd469501u,
    0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu, 0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u,
    0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau, 0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
    0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu, 0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au,
    0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu, 0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u,
    0x289b7ec6u, 0xeaa127fau, 0xd4ef3085u, 0x04881d05u, 0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
    0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u, 0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
    0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u, 0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u,
};

constexpr std::array<unsigned, 16> kMd5Shifts = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

// ---- SHA-2 constants: fractional bits of the cube and square roots of the first primes ----

constexpr std::array<std::uint32_t, 64> kSha256Rounds = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

constexpr std::array<std::uint32_t, 8> kSha256Initial = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

constexpr std::array<std::uint64_t, 80> kSha512Rounds = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull, 0x3956c25bf348b538ull,
    0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull, 0xd807aa98a3030242ull, 0x12835b0145706fbeull,
    0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull, 0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull,
    0xc19bf174cf692694ull, 0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
    0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull, 0x983e5152ee66dfabull,
    0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull, 0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull,
    0x06ca6351e003826full, 0x142929670a0e6e70ull, 0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull,
    0x53380d139d95b3dfull, 0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
    0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull, 0xd192e819d6ef5218ull,
    0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull, 0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull,
    0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull, 0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull,
    0x682e6ff3d6b2b8a3ull, 0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull, 0xca273eceea26619cull,
    0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull, 0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull,
    0x113f9804bef90daeull, 0x1b710b35131c471bull, 0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull,
    0x431d67c49c100d4cull, 0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

constexpr std::array<std::uint64_t, 8> kSha512Initial = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

// SHA-384 starts from the square roots of the 9th to 16th primes and keeps six of the eight words.
constexpr std::array<std::uint64_t, 8> kSha384Initial = {
    0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull, 0x152fecd8f70e5939ull,
    0x67332667ffc00b31ull, 0x8eb44a8768581511ull, 0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull,
};

// One compression loop shared by SHA-256 (32-bit words, 64 rounds) and SHA-512 (64-bit, 80 rounds);
// only the word size, round constants and rotation amounts differ.
template <typename Word, std::size_t Rounds>
struct Sha2Family {
  static constexpr std::size_t kBlock = 16 * sizeof(Word);
  const std::array<Word, Rounds>& constants;
  std::array<unsigned, 12> rotations;  // Σ0 (3), Σ1 (3), σ0 (2 + shift), σ1 (2 + shift)

  std::array<Word, 8> digest(std::string_view data, std::array<Word, 8> state) const {
    const std::vector<std::uint8_t> message = pad_message(data, kBlock, 2 * sizeof(Word), true);
    std::array<Word, Rounds> schedule{};
    for (std::size_t offset = 0; offset < message.size(); offset += kBlock) {
      for (std::size_t t = 0; t < 16; ++t) schedule[t] = load_big_endian<Word>(&message[offset + t * sizeof(Word)]);
      for (std::size_t t = 16; t < Rounds; ++t) {
        Word w15 = schedule[t - 15];
        Word w2 = schedule[t - 2];
        Word small0 = rotate_right(w15, rotations[6]) ^ rotate_right(w15, rotations[7]) ^ (w15 >> rotations[8]);
        Word small1 = rotate_right(w2, rotations[9]) ^ rotate_right(w2, rotations[10]) ^ (w2 >> rotations[11]);
        schedule[t] = static_cast<Word>(small1 + schedule[t - 7] + small0 + schedule[t - 16]);
      }
      std::array<Word, 8> v = state;  // a b c d e f g h
      for (std::size_t t = 0; t < Rounds; ++t) {
        Word big1 =
            rotate_right(v[4], rotations[3]) ^ rotate_right(v[4], rotations[4]) ^ rotate_right(v[4], rotations[5]);
        Word choose = (v[4] & v[5]) ^ (~v[4] & v[6]);
        Word temp1 = static_cast<Word>(v[7] + big1 + choose + constants[t] + schedule[t]);
        Word big0 =
            rotate_right(v[0], rotations[0]) ^ rotate_right(v[0], rotations[1]) ^ rotate_right(v[0], rotations[2]);
        Word majority = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
        Word temp2 = static_cast<Word>(big0 + majority);
        v = {static_cast<Word>(temp1 + temp2), v[0], v[1], v[2], static_cast<Word>(v[3] + temp1), v[4], v[5], v[6]};
      }
      for (std::size_t i = 0; i < 8; ++i) state[i] = static_cast<Word>(state[i] + v[i]);
    }
    return state;
  }
};

const Sha2Family<std::uint32_t, 64> kSha256{kSha256Rounds, {2, 13, 22, 6, 11, 25, 7, 18, 3, 17, 19, 10}};
const Sha2Family<std::uint64_t, 80> kSha512{kSha512Rounds, {28, 34, 39, 14, 18, 41, 1, 8, 7, 19, 61, 6}};

template <typename Word>
std::string words_hex(const std::array<Word, 8>& words, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) append_big_endian_hex(out, words[i]);
  return out;
}

}  // namespace

std::string md5_hex(std::string_view data) {
  const std::vector<std::uint8_t> message = pad_message(data, 64, 8, false);
  std::array<std::uint32_t, 4> state = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
  for (std::size_t offset = 0; offset < message.size(); offset += 64) {
    std::array<std::uint32_t, 16> words{};
    for (std::size_t i = 0; i < 16; ++i) {
      const std::uint8_t* b = &message[offset + 4 * i];
      words[i] = static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
                 (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
    }
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    for (std::size_t i = 0; i < 64; ++i) {
      std::uint32_t f = 0;
      std::size_t g = 0;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      f = f + a + kMd5Sines[i] + words[g];
      a = d;
      d = c;
      c = b;
      b = b + rotate_left(f, kMd5Shifts[(i / 16) * 4 + i % 4]);
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
  }
  std::string out;
  for (std::uint32_t word : state) {
    for (int byte = 0; byte < 4; ++byte) {  // MD5 prints its words little-endian
      std::uint32_t value = (word >> (8 * byte)) & 0xff;
      out += kHexDigits[value >> 4];
      out += kHexDigits[value & 0xf];
    }
  }
  return out;
}

std::string sha1_hex(std::string_view data) {
  const std::vector<std::uint8_t> message = pad_message(data, 64, 8, true);
  std::array<std::uint32_t, 5> state = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
  std::array<std::uint32_t, 80> schedule{};
  for (std::size_t offset = 0; offset < message.size(); offset += 64) {
    for (std::size_t t = 0; t < 16; ++t) schedule[t] = load_big_endian<std::uint32_t>(&message[offset + 4 * t]);
    for (std::size_t t = 16; t < 80; ++t) {
      schedule[t] = rotate_left(schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16], 1);
    }
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    for (std::size_t t = 0; t < 80; ++t) {
      std::uint32_t f = 0;
      std::uint32_t k = 0;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999u;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1u;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdcu;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6u;
      }
      std::uint32_t temp = rotate_left(a, 5) + f + e + k + schedule[t];
      e = d;
      d = c;
      c = rotate_left(b, 30);
      b = a;
      a = temp;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
  }
  std::string out;
  for (std::uint32_t word : state) append_big_endian_hex(out, word);
  return out;
}

std::string sha256_hex(std::string_view data) { return words_hex(kSha256.digest(data, kSha256Initial), 8); }
std::string sha384_hex(std::string_view data) { return words_hex(kSha512.digest(data, kSha384Initial), 6); }
std::string sha512_hex(std::string_view data) { return words_hex(kSha512.digest(data, kSha512Initial), 8); }

std::optional<std::string> hash_hex(std::string_view algorithm, std::string_view data) {
  if (algorithm == "MD5") return md5_hex(data);
  if (algorithm == "SHA-1") return sha1_hex(data);
  if (algorithm == "SHA-256") return sha256_hex(data);
  if (algorithm == "SHA-384") return sha384_hex(data);
  if (algorithm == "SHA-512") return sha512_hex(data);
  return std::nullopt;
}

}  // namespace sfn::interp
