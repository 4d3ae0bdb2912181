#pragma once
// OCR-B's 37 MRZ characters as one-bit bitmaps, rendered from the font by
// scripts/make_ocrb_glyphs.cpp into ocrb_glyphs.cpp: the reference the mrz.print.font
// check holds a document's glyphs to.
namespace docverify::checks {

inline constexpr int kOcrbGlyphCount = 37;  // 0-9, A-Z, '<'

// Each at the size where OCR-B's 'H' is 64 px tall, inked where the outline covers half
// a pixel or more.
struct OcrbGlyph {
  char ch;
  int width, height;  // pixels
  const char* rows;   // row-major, (width + 3) / 4 hex digits per row, the high bit leftmost
};

extern const OcrbGlyph kOcrbGlyphs[kOcrbGlyphCount];

}  // namespace docverify::checks
