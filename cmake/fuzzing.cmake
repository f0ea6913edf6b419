# MSCSIM_FUZZ: coverage instrumentation for libFuzzer plus ASan and UBSan on everything the
# fuzz targets reach (tests/fuzz, docs/reliability.md). The other executables of such a
# build (mscsim, the unit tests) run normally, with the sanitizers on.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "MSCSIM_FUZZ needs clang (libFuzzer): configure with CC=clang-14 CXX=clang++-14")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)

# toml++ is compiled into our code rather than linked from Debian's shared library, so
# that its parser is instrumented too (the fuzzer then sees its branches, ASan and UBSan
# its memory and arithmetic), with its internal assertions on: under NDEBUG they turn
# into __builtin_assume, and a broken parser invariant would pass silently as undefined
# behaviour instead of stopping the fuzzer. -UNDEBUG comes after the build type's
# -DNDEBUG on the command line, so it applies to the files that include toml++ only.
find_path(MSCSIM_TOMLPLUSPLUS_INCLUDE_DIR toml++/toml.h REQUIRED)
add_library(tomlplusplus::tomlplusplus INTERFACE IMPORTED)
target_include_directories(tomlplusplus::tomlplusplus INTERFACE ${MSCSIM_TOMLPLUSPLUS_INCLUDE_DIR})
target_compile_definitions(tomlplusplus::tomlplusplus INTERFACE TOML_HEADER_ONLY=1)
target_compile_options(tomlplusplus::tomlplusplus INTERFACE -UNDEBUG)
