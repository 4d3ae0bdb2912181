#pragma once
// A stream session for kiosks and cameras: successive frames of one document are read,
// their per-character probabilities summed (log domain) position by position, and a result
// is given once the vote verifies and enough frames agree with it. A frame of another
// document (another format or a reading far from the vote) starts a new vote.
#include <array>
#include <vector>

#include "reader/mrz_image_reader.hpp"

namespace docverify::reader {

struct StreamOptions {
  int frames_to_agree = 2;   // frames whose own reading matches the voted one
  int max_frames = 30;       // a vote this old without agreement starts afresh
};

struct StreamStatus {
  bool ready = false;        // `result` holds the voted MRZ
  int frames_seen = 0;       // since the vote began
  int frames_used = 0;       // frames that contributed (an MRZ of the same layout was found)
  int frames_agreeing = 0;
  ImageReadResult result;    // the last frame's result, its MRZ replaced by the vote when ready
};

class MrzStream {
 public:
  explicit MrzStream(ReadOptions read = {}, StreamOptions stream = {});
  StreamStatus feed(const cv::Mat& frame);
  void reset();

 private:
  MrzImageReader reader_;
  StreamOptions options_;
  int frames_seen_ = 0, frames_used_ = 0;
  mrz::Format format_ = mrz::Format::td3;
  std::vector<std::array<double, 37>> votes_;      // summed log-probabilities per position
  std::vector<std::string> frame_lines_;           // each used frame's own best lines, joined
  int lines_ = 0, length_ = 0;
};

}  // namespace docverify::reader
