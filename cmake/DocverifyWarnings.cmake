# Warning flags for every docverify target: docverify_warnings(<target>).
function(docverify_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Wformat=2)
  if(DOCVERIFY_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
