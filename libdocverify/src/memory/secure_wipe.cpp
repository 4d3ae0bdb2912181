#include "memory/secure_wipe.hpp"

#include <string.h>  // explicit_bzero (glibc)

namespace docverify {

void secure_zero(void* data, std::size_t size) noexcept {
#if defined(__GLIBC__)
  explicit_bzero(data, size);
#else
  volatile unsigned char* p = static_cast<volatile unsigned char*>(data);
  while (size--) *p++ = 0;
#endif
}

void secure_wipe(mrz::MrzResult& r) noexcept {
  secure_zero(&r.lines, sizeof r.lines);
  secure_zero(&r.lines_read, sizeof r.lines_read);
  secure_zero(&r.syntax, sizeof r.syntax);  // per-position values encode the whole MRZ
  secure_zero(&r.check_digits, sizeof r.check_digits);
  for (std::string* s : {&r.fields.document_code, &r.fields.issuing_state, &r.fields.document_number,
                         &r.fields.nationality, &r.fields.surname, &r.fields.given_names, &r.fields.optional_data,
                         &r.fields.optional_data_2})
    secure_wipe(*s);
  secure_zero(&r.fields.birth_date, sizeof r.fields.birth_date);
  secure_zero(&r.fields.expiry_date, sizeof r.fields.expiry_date);
  r.fields.sex = '\0';
  if (!r.corrections.empty()) secure_zero(r.corrections.data(), r.corrections.size() * sizeof(mrz::Correction));
  for (auto& a : r.ambiguities)
    for (auto& reading : a.readings)
      if (!reading.empty()) secure_zero(reading.data(), reading.size() * sizeof(mrz::Correction));
  for (auto& c : r.checks) c.message.wipe();  // messages may quote names and numbers
  for (auto& s : r.verdict.reasons) secure_wipe(s);
}

}  // namespace docverify
