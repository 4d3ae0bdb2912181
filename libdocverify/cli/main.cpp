// docverify: the command-line face of the library. It parses arguments, calls the
// C++ pipeline and prints its reports; no verification logic lives here.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "commands.hpp"
#include "version.hpp"

namespace {

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: docverify <command> [options]\n"
               "\n"
               "commands:\n"
               "  read      find and read the MRZ in photos and scans\n"
               "  verify    read the MRZ and run the authenticity checks, with a verdict\n"
               "  seal      read barcodes and verify digital seals (ICAO VDS, VDS-NC, AAMVA)\n"
               "  mrz       parse, correct and validate an MRZ given as lines or on standard input\n"
               "  make-mrz  write an MRZ from field values (names transliterated and truncated)\n"
               "  specimen  write synthetic documents (images and ground truth) for tests and training\n"
               "  version   print the library version\n"
               "\n"
               "Run 'docverify <command> --help' for the options of a command.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  try {
    if (command == "read") return docverify::cli::run_read(argc, argv);
    if (command == "verify") return docverify::cli::run_verify(argc, argv);
    if (command == "seal") return docverify::cli::run_seal(argc, argv);
    if (command == "mrz") return docverify::cli::run_mrz(argc, argv);
    if (command == "make-mrz") return docverify::cli::run_make_mrz(argc, argv);
    if (command == "specimen") return docverify::cli::run_specimen(argc, argv);
    if (command == "version" || command == "--version") {
      std::printf("docverify %s\n", docverify::kVersionString);
      return 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "docverify %s: %s\n", command.c_str(), e.what());
    return 2;
  }
  std::fprintf(stderr, "docverify: unknown command '%s'\n", command.c_str());
  usage(stderr);
  return 2;
}
