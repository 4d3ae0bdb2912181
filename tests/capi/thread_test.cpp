// N contexts on N threads over the same inputs give identical reports, and the per-thread
// error text stays per thread. Run under ThreadSanitizer by scripts/test.sh.
#include <docverify/docverify.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

const char* const kInputs[] = {
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n",
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n",
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F1204159ZE184226B<<<<<10\n",  // corrected
    "not an mrz",
};

std::vector<std::string> run_all(dv_context* ctx, int rounds) {
  std::vector<std::string> out;
  for (int k = 0; k < rounds; ++k) {
    for (const char* in : kInputs) {
      dv_mrz_result* r = nullptr;
      const dv_status s = dv_mrz_parse(&r, ctx, in, std::strlen(in));
      if (s != DV_OK) {
        out.push_back(std::string("error ") + dv_status_str(s) + ": " + dv_last_error_message());
        continue;
      }
      char* json = nullptr;
      if (dv_mrz_result_json_alloc(r, &json) == DV_OK) out.emplace_back(json);
      dv_free(json);
      dv_mrz_result_free(r);
    }
  }
  return out;
}

}  // namespace

int main() {
  const int threads = 8, rounds = 50;
  dv_context_options o = DV_CONTEXT_OPTIONS_INIT;
  o.reference_date = 20100101;
  dv_context* reference_ctx = nullptr;
  if (dv_context_new(&reference_ctx, &o) != DV_OK) return 1;
  const std::vector<std::string> expected = run_all(reference_ctx, rounds);
  dv_context_free(reference_ctx);

  std::vector<std::vector<std::string>> got(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      dv_context* ctx = nullptr;  // one context per thread, as docs/threading.md says
      if (dv_context_new(&ctx, &o) != DV_OK) return;
      got[static_cast<std::size_t>(t)] = run_all(ctx, rounds);
      dv_context_free(ctx);
    });
  }
  for (auto& th : pool) th.join();
  int bad = 0;
  for (int t = 0; t < threads; ++t) {
    if (got[static_cast<std::size_t>(t)] != expected) {
      std::fprintf(stderr, "thread %d: results differ from the single-threaded run\n", t);
      ++bad;
    }
  }
  std::printf("thread_test: %d threads x %zu parses, %d mismatching\n", threads, expected.size(), bad);
  return bad == 0 ? 0 : 1;
}
