#!/usr/bin/env python3
"""check_exports.py FOLDER: opens the JSON, GeoJSON, TimelineJS and Neo4j CSV
exports in FOLDER the way their consumers do and checks their shapes.

 - graph.json: networkx.node_link_graph (D3's nodes/links shape) loads it;
   node and edge counts equal those of graph.graphml (networkx.read_graphml).
 - graph.cyjs: Cytoscape.js elements, every edge's ends among the nodes.
 - timeline.json: TimelineJS 3 (title slide, events with numeric years,
   months 1-12, an end_date, a headline, a group).
 - places.geojson: a FeatureCollection of Points [lng, lat] in range.
 - neo4j/nodes.csv, relationships.csv: neo4j-admin headers, every
   relationship's ends among the node ids, counts as in GraphML.
Prints "exports ok: …" or fails with the reason.
"""
import csv
import json
import sys
from pathlib import Path

import networkx as nx


def fail(message):
    print(f"exports FAIL: {message}")
    sys.exit(1)


def main():
    folder = Path(sys.argv[1])
    graph = nx.read_graphml(folder / "graph.graphml")
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()

    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    if (g.number_of_nodes(), g.number_of_edges()) != (nodes, edges):
        fail(f"graph.json has {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; graph.graphml {nodes}, {edges}")
    for node, attributes in g.nodes(data=True):
        if not attributes.get("label"):
            fail(f"graph.json node {node} has no label")

    cy = json.loads((folder / "graph.cyjs").read_text(encoding="utf-8"))
    elements = cy["elements"]
    ids = {n["data"]["id"] for n in elements["nodes"]}
    if len(ids) != nodes or len(elements["edges"]) != edges:
        fail("graph.cyjs counts differ from graph.graphml")
    for e in elements["edges"]:
        if e["data"]["source"] not in ids or e["data"]["target"] not in ids:
            fail(f"graph.cyjs edge {e['data']['id']} refers to an unknown node")

    timeline = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))
    if "text" not in timeline.get("title", {}):
        fail("timeline.json has no title slide")
    for slide in timeline["events"]:
        for key in ("start_date", "end_date"):
            date = slide[key]
            if not isinstance(date.get("year"), int) or isinstance(date.get("year"), bool):
                fail(f"timeline.json {slide.get('unique_id')}: {key}.year is not a number")
            if "month" in date and not 1 <= date["month"] <= 12:
                fail(f"timeline.json {slide.get('unique_id')}: month {date['month']}")
        if not slide["text"].get("headline") or not slide.get("group") or not slide.get("display_date"):
            fail(f"timeline.json {slide.get('unique_id')}: headline, group or display_date missing")
        if "<" in slide["text"]["headline"].replace("&lt;", ""):
            fail(f"timeline.json {slide.get('unique_id')}: unescaped markup in the headline")

    geo = json.loads((folder / "places.geojson").read_text(encoding="utf-8"))
    if geo.get("type") != "FeatureCollection":
        fail("places.geojson is not a FeatureCollection")
    for feature in geo["features"]:
        lng, lat = feature["geometry"]["coordinates"]
        if feature["geometry"]["type"] != "Point" or not (-180 <= lng <= 180 and -90 <= lat <= 90):
            fail(f"places.geojson {feature['properties'].get('name')}: bad point {lng}, {lat}")
        if not isinstance(feature["properties"].get("events"), list):
            fail(f"places.geojson {feature['properties'].get('name')}: no events list")

    with open(folder / "neo4j" / "nodes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    if header[:2] != ["node_id:ID", ":LABEL"]:
        fail(f"nodes.csv header starts {header[:2]}")
    node_ids = {row[0] for row in rows[1:]}
    if len(node_ids) != nodes or len(rows) - 1 != nodes:
        fail(f"nodes.csv has {len(rows) - 1} rows, graph.graphml {nodes} nodes")
    with open(folder / "neo4j" / "relationships.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0][:3] != [":START_ID", ":END_ID", ":TYPE"]:
        fail(f"relationships.csv header starts {rows[0][:3]}")
    if len(rows) - 1 != edges:
        fail(f"relationships.csv has {len(rows) - 1} rows, graph.graphml {edges} edges")
    for row in rows[1:]:
        if row[0] not in node_ids or row[1] not in node_ids:
            fail(f"relationships.csv {row[3]} refers to an unknown node")

    print(f"exports ok: {nodes} nodes, {edges} edges, {len(timeline['events'])} timeline events, {len(geo['features'])} map features")


if __name__ == "__main__":
    main()
