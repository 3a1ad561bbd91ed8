#pragma once
// Checks a template context against its schema and its man page section
// (shared by the report's and the account view's context tests).
#include <functional>
#include <set>
#include <string>

#include <doctest/doctest.h>
#include <mstch/mstch.hpp>

#include "esc/render/template_check.hpp"

namespace context_check {

/// Every key the context has is in the schema and every schema key is in the
/// context; then every list of the schema had items somewhere, so its keys
/// were checked too.
inline void check_keys(const mstch::map& context, std::string_view schema) {
  using esc::ContextKey;
  std::set<std::string> filled;  // list paths seen with items
  std::function<void(const mstch::node&, const ContextKey&, const std::string&)> compare =
      [&](const mstch::node& node, const ContextKey& key, const std::string& path) {
        INFO(path);
        switch (key.kind) {
          case ContextKey::Kind::value:
            CHECK((boost::get<std::string>(&node) || boost::get<bool>(&node)));
            break;
          case ContextKey::Kind::string_list: {
            auto list = boost::get<mstch::array>(&node);
            REQUIRE(list);
            if (!list->empty()) filled.insert(path);
            for (const auto& item : *list) CHECK(boost::get<std::string>(&item));
            break;
          }
          case ContextKey::Kind::map:
          case ContextKey::Kind::list: {
            std::vector<const mstch::map*> maps;
            if (key.kind == ContextKey::Kind::map) {
              maps.push_back(boost::get<mstch::map>(&node));
            } else {
              auto list = boost::get<mstch::array>(&node);
              REQUIRE(list);
              if (!list->empty()) filled.insert(path);
              for (const auto& item : *list) maps.push_back(boost::get<mstch::map>(&item));
            }
            for (const mstch::map* map : maps) {
              REQUIRE(map);
              CHECK(map->size() == key.children.size());
              for (const auto& child : key.children) {
                auto it = map->find(child.name);
                REQUIRE_MESSAGE(it != map->end(), std::string(path + "." + child.name + " is missing"));
                compare(it->second, child, path + "." + child.name);
              }
            }
            break;
          }
        }
      };
  ContextKey root{"", ContextKey::Kind::map, false, esc::parse_context_schema(schema)};
  compare(context, root, "context");
  std::function<void(const std::vector<ContextKey>&, const std::string&)> lists = [&](const auto& keys,
                                                                                      const std::string& path) {
    for (const auto& k : keys) {
      if (k.kind == ContextKey::Kind::list || k.kind == ContextKey::Kind::string_list)
        CHECK_MESSAGE(filled.count(path + "." + k.name), std::string(path + "." + k.name + " never had items"));
      lists(k.children, path + "." + k.name);
    }
  };
  lists(root.children, "context");
}

/// Every variable of `schema` appears in `page` (a man page section) as
/// `.B path` (lists as `name[].key`, string lists as `name[]`). A capped
/// view's `rows` list is documented once, as `..._view.parts[].rows[]`.
inline void check_documented(const std::string& page, std::string_view schema) {
  using esc::ContextKey;
  std::function<void(const std::vector<ContextKey>&, const std::string&)> walk = [&](const auto& keys,
                                                                                     const std::string& prefix) {
    for (const auto& k : keys) {
      std::string path = prefix + k.name;
      if (k.kind == ContextKey::Kind::map)
        walk(k.children, path + ".");
      else if (k.kind == ContextKey::Kind::list && k.name == "rows")  // a capped view's rows: its list's keys
        CHECK_MESSAGE(page.find(".B " + path + "[]\n") != std::string::npos, path);
      else if (k.kind == ContextKey::Kind::list)
        walk(k.children, path + "[].");
      else
        CHECK_MESSAGE(
            page.find(".B " + path + (k.kind == ContextKey::Kind::string_list ? "[]" : "") + "\n") != std::string::npos,
            path);
    }
  };
  walk(esc::parse_context_schema(schema), "");
}

}  // namespace context_check
