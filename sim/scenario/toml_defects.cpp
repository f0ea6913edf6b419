#include "sim/scenario/toml_defects.hpp"

#include <algorithm>
#include <vector>

namespace mscsim::toml_defects {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '-';
}
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// "'x'" for a printable ASCII byte, "byte 0xNN" otherwise: messages stay one clean line.
std::string shown(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return std::string("'") + c + "'";
  static const char* const hex = "0123456789abcdef";
  return std::string("byte 0x") + hex[byte >> 4] + hex[byte & 15];
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::optional<Finding> run() {
    while (i_ < text_.size() && !finding_) step();
    return finding_;
  }

 private:
  char at(std::size_t k) const { return k < text_.size() ? text_[k] : '\0'; }
  bool in_array() const { return !open_.empty() && open_.back() == '['; }

  // Moves one byte on, keeping line and column (columns count UTF-8 characters, as
  // toml++'s do: continuation bytes do not start a column).
  void advance() {
    const char c = text_[i_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
  }

  // The line and column of byte `k` (at or after the current position, on the same line).
  Finding finding_at(std::size_t k, std::string description) {
    int column = column_;
    for (std::size_t j = i_; j < k; ++j) {
      if ((static_cast<unsigned char>(text_[j]) & 0xC0) != 0x80) ++column;
    }
    return Finding{line_, column, std::move(description)};
  }

  void step() {
    const char c = text_[i_];
    if (c == '#') {
      while (i_ < text_.size() && text_[i_] != '\n') advance();
    } else if (c == '\n') {
      if (open_.empty()) expect_value_ = false;  // a new line starts with a key or a header
      advance();
    } else if (is_blank(c) || c == '\r') {
      advance();
    } else if (c == '"' || c == '\'') {
      skip_string(c);
      expect_value_ = false;
    } else if (c == ',') {
      expect_value_ = in_array();  // in an inline table a key follows
      advance();
    } else if (c == ']' || c == '}') {
      if (!open_.empty()) open_.pop_back();
      expect_value_ = false;
      advance();
    } else if (c == '=') {
      expect_value_ = true;
      advance();
    } else if (open_.empty() && !expect_value_ && c == '[') {
      table_header();
    } else if (expect_value_ || in_array()) {
      value_start(c);
    } else {
      advance();  // a character of a key
    }
  }

  // toml++ hands the first character of a header to its key parser, which asserts that
  // it is one a key may start with (input "[[[x]]", "[=]", "[\n").
  void table_header() {
    std::size_t k = i_ + 1;
    bool blank = false;
    while (is_blank(at(k))) {
      ++k;
      blank = true;
    }
    bool checked = true;
    if (at(k) == '[') {
      checked = !blank;  // "[ [" toml++ reports itself
      ++k;
      while (is_blank(at(k))) ++k;
    }
    if (checked && k < text_.size()) {
      const char first = text_[k];
      if (!is_bare_key_char(first) && first != '"' && first != '\'' && first != ']') {
        finding_ = finding_at(k, "a table header must start with a key, saw " + shown(first));
        return;
      }
    }
    // The rest of the header line: keys, quoted keys, brackets.
    while (i_ < text_.size() && text_[i_] != '\n' && text_[i_] != '#') {
      if (text_[i_] == '"' || text_[i_] == '\'') {
        skip_string(text_[i_]);
      } else {
        advance();
      }
    }
  }

  void value_start(char c) {
    if (c == '[' || c == '{') {
      open_.push_back(c);
      expect_value_ = c == '[';
      advance();
      return;
    }
    // A local date-time: after "YYYY-MM-DDT" toml++'s time parser asserts that a digit
    // follows (input "1979-05-27T:").
    const std::size_t t = i_ + 10;
    const bool date_shape = is_digit(at(i_)) && is_digit(at(i_ + 1)) && is_digit(at(i_ + 2)) &&
                            is_digit(at(i_ + 3)) && at(i_ + 4) == '-' && is_digit(at(i_ + 5)) &&
                            is_digit(at(i_ + 6)) && at(i_ + 7) == '-' && is_digit(at(i_ + 8)) && is_digit(at(i_ + 9));
    if (date_shape && (at(t) == 'T' || at(t) == 't') && t + 1 < text_.size() && !is_digit(at(t + 1))) {
      finding_ = finding_at(t + 1, "expected the hour of a date-time (two digits) after '" +
                                       std::string(1, at(t)) + "', saw " + shown(at(t + 1)));
      return;
    }
    // The rest of the value: a number, date, boolean or a mistake.
    while (i_ < text_.size()) {
      const char d = text_[i_];
      if (is_blank(d) || d == '\r' || d == '\n' || d == ',' || d == ']' || d == '}' || d == '#' || d == '"' ||
          d == '\'' || d == '[' || d == '{' || d == '=') {
        break;
      }
      advance();
    }
    expect_value_ = false;
  }

  // A basic or literal string, single- or multi-line, from its opening quote.
  void skip_string(char quote) {
    const bool multi_line = at(i_ + 1) == quote && at(i_ + 2) == quote;
    for (int n = multi_line ? 3 : 1; n > 0; --n) advance();
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\\' && quote == '"') {
        advance();
        if (i_ < text_.size()) advance();
        continue;
      }
      if (c == '\n' && !multi_line) return;  // unterminated: toml++ reports it
      if (c == quote && (!multi_line || (at(i_ + 1) == quote && at(i_ + 2) == quote))) {
        // A multi-line string may end with up to two more quotes ("""a"""" is a"").
        std::size_t run = 0;
        while (at(i_ + run) == quote) ++run;
        const std::size_t consume = multi_line ? std::min<std::size_t>(run, 5) : 1;
        for (std::size_t n = 0; n < consume; ++n) advance();
        return;
      }
      advance();
    }
  }

  std::string_view text_;
  std::size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
  bool expect_value_ = false;
  std::vector<char> open_;  // '[' and '{' of the values being read
  std::optional<Finding> finding_;
};

}  // namespace

std::optional<Finding> find(std::string_view text) { return Scanner(text).run(); }

}  // namespace mscsim::toml_defects
