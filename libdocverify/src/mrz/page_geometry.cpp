#include "mrz/page_geometry.hpp"

namespace docverify::mrz {

PageGeometry page_geometry(Format f) {
  switch (f) {
    case Format::td1: return {85.60, 53.98, 5.0, {15.73, 11.50, 7.27}};
    case Format::td2:
    case Format::fra_id: return {105.0, 74.0, 4.0, {15.75, 9.40}};
    case Format::mrva: return {120.0, 80.0, 4.0, {15.75, 9.40}};
    case Format::mrvb: return {105.0, 74.0, 4.0, {15.75, 9.40}};
    case Format::td3: break;
  }
  return {125.0, 88.0, 6.0, {15.75, 9.40}};
}

}  // namespace docverify::mrz
