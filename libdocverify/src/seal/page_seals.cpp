#include "seal/page_seals.hpp"

#include <algorithm>

namespace docverify::seal {

std::vector<SealResult> read_page_seals(const cv::Mat& image, const SealOptions& options,
                                        const barcode::BarcodeReadOptions& barcodes) {
  std::vector<SealResult> out;
  for (const barcode::Barcode& b : barcode::read_barcodes(image, barcodes)) {
    SealResult r = verify_seal(b.bytes.data(), b.bytes.size(), options);
    r.position.symbology = barcode::symbology_name(b.symbology);
    r.position.on_image = true;
    for (std::size_t i = 0; i < 4; ++i) r.position.corners[i] = {b.corners[i].x, b.corners[i].y};
    const int x0 = static_cast<int>(std::min({b.corners[0].x, b.corners[1].x, b.corners[2].x, b.corners[3].x}));
    const int y0 = static_cast<int>(std::min({b.corners[0].y, b.corners[1].y, b.corners[2].y, b.corners[3].y}));
    const int x1 = static_cast<int>(std::max({b.corners[0].x, b.corners[1].x, b.corners[2].x, b.corners[3].x}));
    const int y1 = static_cast<int>(std::max({b.corners[0].y, b.corners[1].y, b.corners[2].y, b.corners[3].y}));
    // The barcode is where each of its checks looked.
    for (CheckRecord& c : r.checks)
      if (c.status != CheckStatus::not_done) c.regions.push_back({x0, y0, x1 - x0 + 1, y1 - y0 + 1});
    out.push_back(std::move(r));
  }
  return out;
}

Verdict seals_verdict(const std::vector<SealResult>& seals, const VerdictPolicy& policy) {
  std::vector<CheckRecord> all;
  for (const auto& s : seals) all.insert(all.end(), s.checks.begin(), s.checks.end());
  if (all.empty()) return Verdict{};
  return decide_verdict(all, false, policy);
}

}  // namespace docverify::seal
