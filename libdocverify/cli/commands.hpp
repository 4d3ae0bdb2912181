#pragma once
// Subcommands of the docverify CLI. Each returns the process exit status.
namespace docverify::cli {
// 0: valid MRZ and no check in error; 1: parsed but a check failed; 2: unusable input.
int run_mrz(int argc, char** argv);
int run_make_mrz(int argc, char** argv);
// Synthetic documents with ground truth.
int run_specimen(int argc, char** argv);
// The MRZ read from images.
int run_read(int argc, char** argv);
// The MRZ read and the authenticity checks, with a verdict.
int run_verify(int argc, char** argv);
// Barcodes and digital seals read, decoded and verified.
int run_seal(int argc, char** argv);
}  // namespace docverify::cli
