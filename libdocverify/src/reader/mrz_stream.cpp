#include "reader/mrz_stream.hpp"

#include <algorithm>
#include <cmath>

#include "mrz/format.hpp"
#include "mrz/parser.hpp"
#include "errors/input_error.hpp"
#include "ocr/classifier.hpp"

namespace docverify::reader {

namespace {

constexpr double kFloor = 1e-3;  // probability given to a character outside a frame's top-k

int class_of(char c) {
  const std::string_view alphabet(ocr::kMrzAlphabet);
  const auto at = alphabet.find(c);
  return at == std::string_view::npos ? ocr::kClasses - 1 : static_cast<int>(at);
}

}  // namespace

MrzStream::MrzStream(ReadOptions read, StreamOptions stream) : reader_(std::move(read)), options_(stream) {}

void MrzStream::reset() {
  frames_seen_ = frames_used_ = 0;
  votes_.clear();
  frame_lines_.clear();
  lines_ = length_ = 0;
}

StreamStatus MrzStream::feed(const cv::Mat& frame) {
  StreamStatus status;
  status.result = reader_.read(frame);
  if (frames_seen_ >= options_.max_frames) reset();
  ++frames_seen_;
  const ImageReadResult& r = status.result;
  if (r.found) {
    const mrz::Layout& layout = mrz::layout_of(r.best.mrz.format);
    const bool shape_fits = static_cast<int>(r.best.readings.size()) == layout.lines &&
                            std::all_of(r.best.readings.begin(), r.best.readings.end(), [&](const auto& l) { return static_cast<int>(l.size()) == layout.length; });
    if (shape_fits) {
      if (votes_.empty() || r.best.mrz.format != format_) {
        reset();
        frames_seen_ = 1;
        format_ = r.best.mrz.format;
        lines_ = layout.lines;
        length_ = layout.length;
        votes_.assign(static_cast<size_t>(lines_ * length_), {});
      }
      for (int li = 0; li < lines_; ++li)
        for (int ci = 0; ci < length_; ++ci) {
          auto& v = votes_[static_cast<size_t>(li * length_ + ci)];
          std::array<double, 37> p;
          p.fill(kFloor);
          for (const auto& c : r.best.readings[static_cast<size_t>(li)][static_cast<size_t>(ci)].candidates)
            p[static_cast<size_t>(class_of(c.ch))] = std::max<double>(kFloor, c.confidence);
          for (size_t k = 0; k < v.size(); ++k) v[k] += std::log(p[k]);
        }
      std::string joined;
      for (int li = 0; li < r.best.mrz.lines.count(); ++li) joined += r.best.mrz.lines.line(li);
      frame_lines_.push_back(joined);
      ++frames_used_;
    }
  }
  status.frames_seen = frames_seen_;
  status.frames_used = frames_used_;
  if (frames_used_ == 0) return status;

  // The vote: per position, the frames' probabilities multiplied and renormalised.
  mrz::MrzReading voted;
  for (int li = 0; li < lines_; ++li) {
    std::vector<mrz::CharReading> line;
    for (int ci = 0; ci < length_; ++ci) {
      const auto& v = votes_[static_cast<size_t>(li * length_ + ci)];
      const double top = *std::max_element(v.begin(), v.end());
      float p[ocr::kClasses];
      for (int k = 0; k < ocr::kClasses; ++k) p[k] = static_cast<float>(std::exp((v[static_cast<size_t>(k)] - top) / frames_used_));
      float sum = 0;
      for (float x : p) sum += x;
      for (float& x : p) x /= sum;
      line.push_back(ocr::top_characters(p, 4, mrz::layout_of(format_).classes[static_cast<size_t>(li * length_ + ci)]));
    }
    voted.lines.push_back(std::move(line));
  }
  mrz::MrzResult vote;
  try {
    vote = mrz::parse_mrz_reading(voted, reader_.options().mrz);
  } catch (const InputError&) {
    return status;
  }
  std::string vote_joined;
  for (int li = 0; li < vote.lines.count(); ++li) vote_joined += vote.lines.line(li);
  for (const auto& f : frame_lines_) {
    int differences = 0;
    for (size_t i = 0; i < std::min(f.size(), vote_joined.size()); ++i) differences += f[i] != vote_joined[i];
    status.frames_agreeing += f.size() == vote_joined.size() && differences <= 2;
  }
  // The same rule as for one frame: nothing the vote cannot vouch for.
  const bool unsure = count_unsure(vote, voted, reader_.options().min_uncovered_confidence) > 0;
  if (vote.valid && !unsure && status.frames_agreeing >= options_.frames_to_agree) {
    status.ready = true;
    status.result.found = true;
    status.result.best.mrz = vote;
    status.result.best.valid = true;
    status.result.best.readings = voted.lines;
  }
  return status;
}

}  // namespace docverify::reader
