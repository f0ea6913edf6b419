// Walks a parsed TOML document and accepts only what the catalogue declares.
#include <algorithm>

#include "sim/params/key_path.hpp"
#include "sim/scenario/loading_steps.hpp"
#include "sim/scenario/toml_value.hpp"

namespace mscsim::loading {
namespace {

class DocumentWalker {
 public:
  DocumentWalker(const ParameterCatalogue& catalogue, Scenario& scenario)
      : catalogue_(catalogue), scenario_(scenario), source_(scenario.source_name()) {}

  // Entries in document order, so the first problem reported is the first in the file.
  void table(const toml::table& table, const std::string& prefix) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const toml::source_position& pa = a.first->source().begin;
      const toml::source_position& pb = b.first->source().begin;
      return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    for (const auto& [key, node] : entries) {
      entry(*key, *node, prefix.empty() ? std::string(key->str()) : prefix + "." + std::string(key->str()));
    }
  }

 private:
  void entry(const toml::key& key, const toml::node& node, const std::string& path) {
    // A quoted key with a dot inside would otherwise alias a nested path.
    if (!key_path::is_bare_segment(key.str())) {
      const std::string parent_path = path.substr(0, path.size() - key.str().size());
      const std::string quoted = parent_path + "\"" + std::string(key.str()) + "\"";
      throw ScenarioError(where(key, node), quoted,
                          "unknown key '" + quoted +
                              "' (a key holds only letters, digits, '_' and '-'; a quoted key with a dot is one "
                              "key, not a path)");
    }
    if (const ListSpec* list = catalogue_.find_list(path)) {
      elements(node, *list);
    } else if (const ParameterSpec* spec = catalogue_.find(path)) {
      Value value = toml_value::convert(node, *spec, path, source_);
      scenario_.set(path, std::move(value), toml_value::location_of(node, source_));
    } else if (catalogue_.is_table(path)) {
      const toml::table* inner = node.as_table();
      if (inner == nullptr) {
        throw ScenarioError(toml_value::location_of(node, source_), path,
                            "expected a table, got " + toml_value::described(node));
      }
      table(*inner, path);
    } else {
      fail_unknown_key(catalogue_, where(key, node), path);
    }
  }

  void elements(const toml::node& node, const ListSpec& list) {
    const toml::array* items = node.as_array();
    const auto not_table = [](const toml::node& n) { return !n.is_table(); };
    if (items == nullptr || std::any_of(items->begin(), items->end(), not_table)) {
      const toml::node& culprit =
          items == nullptr ? node : *std::find_if(items->begin(), items->end(), not_table);
      throw ScenarioError(toml_value::location_of(culprit, source_), list.name,
                          "expected a list of tables ([[" + list.name + "]]), got " +
                              (items == nullptr ? toml_value::described(node)
                                                : "an array holding " + toml_value::described(culprit)));
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
      const toml::node& element = (*items)[i];
      append_list_element(catalogue_, list.name, toml_value::location_of(element, source_), scenario_);
      table(*element.as_table(), list.name + "." + std::to_string(i));
    }
  }

  // Keys made by the parser itself (the tables of a dotted key) may have no position.
  SourceLocation where(const toml::key& key, const toml::node& node) const {
    SourceLocation at = toml_value::location_of(key, source_);
    return at.line > 0 ? at : toml_value::location_of(node, source_);
  }

  const ParameterCatalogue& catalogue_;
  Scenario& scenario_;
  const std::string& source_;
};

}  // namespace

void apply_document(const toml::table& document, const ParameterCatalogue& catalogue, Scenario& scenario) {
  DocumentWalker(catalogue, scenario).table(document, "");
}

}  // namespace mscsim::loading
