# Run at build time (cmake -P): embeds the text of INPUT as `const char* const SYMBOL` in OUT.
file(READ "${INPUT}" text)
set(delim "mscsim_embedded")
file(WRITE "${OUT}" "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\nnamespace mscsim {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"${delim}(${text})${delim}\";\n}  // namespace mscsim\n")
