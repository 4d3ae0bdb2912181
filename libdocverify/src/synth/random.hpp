#pragma once
// A deterministic random source: the same seed gives the same numbers on every platform
// and compiler (std:: distributions are implementation-defined, so none is used).
#include <cmath>
#include <cstdint>
#include <string_view>

namespace docverify::synth {

class Random {
 public:
  explicit Random(std::uint64_t seed) noexcept {
    // splitmix64 spreads the seed over the xoshiro256** state.
    for (auto& s : state_) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      s = z ^ (z >> 31);
    }
  }

  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [lo, hi].
  int integer(int lo, int hi) noexcept {
    const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
    return static_cast<int>(lo + static_cast<std::int64_t>(next() % span));
  }
  bool chance(double p) noexcept { return uniform() < p; }
  // Normal by Box-Muller, with an explicit formula so results do not depend on the library.
  double normal(double mean, double sd) noexcept {
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) noexcept {
    return items[static_cast<std::size_t>(integer(0, static_cast<int>(N) - 1))];
  }
  char pick_char(std::string_view chars) noexcept {
    return chars[static_cast<std::size_t>(integer(0, static_cast<int>(chars.size()) - 1))];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4]{};
};

}  // namespace docverify::synth
