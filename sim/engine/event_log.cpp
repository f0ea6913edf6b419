#include "sim/engine/event_log.hpp"

#include <set>

#include "sim/core/errors.hpp"
#include "sim/io/trajectory_layout.hpp"

namespace mscsim {

std::size_t EventLog::declare(std::string kind, std::vector<EventColumnSpec> columns) {
  trajectory_layout::require_member_name("event kind", kind);
  for (const EventTableData& table : tables_)
    if (table.kind == kind) throw ConfigurationError("event kind '" + kind + "' declared twice");
  EventTableData table;
  table.kind = std::move(kind);
  std::set<std::string> names{trajectory_layout::kTimeDataset};
  for (EventColumnSpec& spec : columns) {
    trajectory_layout::require_member_name("event column", spec.name);
    if (!names.insert(spec.name).second)
      throw ConfigurationError("event column '" + table.kind + "/" + spec.name + "' declared twice or is time_h");
    EventColumnData column;
    column.name = std::move(spec.name);
    column.unit = std::move(spec.unit);
    column.is_text = spec.is_text;
    table.columns.push_back(std::move(column));
  }
  tables_.push_back(std::move(table));
  return tables_.size() - 1;
}

void EventLog::record(std::size_t kind, double time_h, const std::vector<EventValue>& values) {
  if (kind >= tables_.size()) throw ConfigurationError("event kind index " + std::to_string(kind) + " not declared");
  EventTableData& table = tables_[kind];
  if (values.size() != table.columns.size())
    throw ConfigurationError("event '" + table.kind + "' got " + std::to_string(values.size()) + " values for " +
                             std::to_string(table.columns.size()) + " columns");
  for (std::size_t c = 0; c < values.size(); ++c)
    if (std::holds_alternative<std::string>(values[c]) != table.columns[c].is_text)
      throw ConfigurationError("event column '" + table.kind + "/" + table.columns[c].name + "' takes " +
                               (table.columns[c].is_text ? "text" : "a number"));
  table.time_h.push_back(time_h);
  for (std::size_t c = 0; c < values.size(); ++c) {
    EventColumnData& column = table.columns[c];
    if (column.is_text)
      column.texts.push_back(std::get<std::string>(values[c]));
    else
      column.reals.push_back(std::get<double>(values[c]));
  }
}

void EventLog::restore(std::vector<EventTableData> tables) {
  bool fits = tables.size() == tables_.size();
  for (std::size_t k = 0; fits && k < tables.size(); ++k) {
    fits = tables[k].kind == tables_[k].kind && tables[k].columns.size() == tables_[k].columns.size();
    for (std::size_t c = 0; fits && c < tables[k].columns.size(); ++c)
      fits = tables[k].columns[c].name == tables_[k].columns[c].name &&
             tables[k].columns[c].is_text == tables_[k].columns[c].is_text;
  }
  if (!fits) throw InputError({}, {}, "the checkpoint's event log does not match the events this build declares");
  tables_ = std::move(tables);
}

}  // namespace mscsim
