#pragma once
// A caller's borrowed pixel view as an OpenCV image (grey or BGR), shared by the image calls
// of the C API; copies only to reorder channels.
#include <opencv2/core.hpp>

#include "docverify/docverify.h"

namespace docverify::capi {

cv::Mat mat_of(const dv_image_view& view);

}  // namespace docverify::capi
