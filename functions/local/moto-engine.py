"""
moto's DynamoDB and S3 on one loopback port, answering one request at a time.

moto's backends take no locks and moto_server runs each request on its own thread, so two
concurrent conditional writes can both win, increments get lost and a failing transaction can put
back a stale copy of the table. One lock around each request makes every API call atomic, as it is
on the real services. Request bodies are read and responses written outside the lock, so a slow
upload or download does not hold up the other clients.

Usage: python3 moto-engine.py PORT (0 picks a free port). Prints {"port": N} once it listens and
exits when its standard input closes, so it never outlives the process that started it.
"""
import bisect
import copy
import io
import json
import logging
import os
import re
import sys
import threading

# Only the bucket's own CORS rules may answer a browser, as on S3; moto reads this at import.
os.environ["MOTO_DISABLE_GLOBAL_CORS"] = "true"

import moto.dynamodb.models as dynamodb_models  # noqa: E402
import moto.dynamodb.models.dynamo_type as dynamo_types  # noqa: E402
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from moto.dynamodb.models.dynamo_type import DynamoType  # noqa: E402
from moto.dynamodb.models.table import RESULT_SIZE_LIMIT  # noqa: E402
from moto.s3.responses import S3Response  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402


def answer_form_uploads_with_cors():
    """S3 sends the bucket's CORS headers on a presigned POST's answer; moto 5.2.1 sends none, and
    a browser then reports the finished upload as failed."""
    post = S3Response._bucket_response_post

    def post_with_cors(self, request, bucket_name):
        status, headers, body = post(self, request, bucket_name)
        return status, {**self._get_cors_headers_other(), **headers}, body

    S3Response._bucket_response_post = post_with_cors


def transactions_back_up_only_their_items():
    """moto backs a transaction up by deep-copying each table it touches, once per operation: ~250 ms
    a transaction at a few hundred items, enough to push concurrent requests past handler timeouts.
    One request runs at a time here, so keeping the items the transaction names is enough to undo it."""
    backend = dynamodb_models.DynamoDBBackend
    whole_table_copy = backend.transact_write_items

    class TablesNotCopied:
        @staticmethod
        def deepcopy(value, memo=None):
            return value if isinstance(value, dynamodb_models.Table) else copy.deepcopy(value, memo)

    dynamodb_models.copy = TablesNotCopied

    def transact_write_items(self, transact_items):
        before = []
        for entry in transact_items:
            try:
                _, op = next(iter(entry.items()))
                table = self.get_table(op["TableName"])
                key = op.get("Key") or {name: op["Item"][name] for name in (table.hash_key_attr, table.range_key_attr) if name}
                hash_value, range_value = self.get_keys_value(table, key)
            except Exception:
                continue  # moto itself refuses this operation, before or without writing it
            before.append((table, hash_value, range_value, copy.deepcopy(table.get_item(hash_value, range_value))))
        try:
            whole_table_copy(self, transact_items)
        except Exception:
            for table, hash_value, range_value, item in reversed(before):
                if item is None:
                    table.delete_item(hash_value, range_value)
                elif range_value:
                    table.items[hash_value][range_value] = item
                else:
                    table.items[hash_value] = item
            raise

    backend.transact_write_items = transact_write_items


# Requests that change no item.
READ_ONLY_TARGETS = {"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "DescribeTable", "ListTables", "DescribeTimeToLive"}


def written_keys(operation, request):
    """(table name, key or whole item) of each item a write request names; None when it is not an item write."""
    if operation == "PutItem":
        return [(request["TableName"], request["Item"])]
    if operation in ("UpdateItem", "DeleteItem"):
        return [(request["TableName"], request["Key"])]
    if operation == "BatchWriteItem":
        return [
            (table, entry["PutRequest"]["Item"] if "PutRequest" in entry else entry["DeleteRequest"]["Key"])
            for table, entries in request["RequestItems"].items()
            for entry in entries
        ]
    if operation == "TransactWriteItems":
        return [
            (op["TableName"], op.get("Key") or op["Item"])
            for entry in request["TransactItems"]
            for kind, op in entry.items()
            if kind in ("Put", "Update", "Delete")
        ]
    return None


class Order:
    """One table's or index's partitions, each a list of (sort key, item) in the order a Query reads
    them: moto's own sort (the index's range key, then the table's keys), as plain cast values, which
    compare as moto's DynamoType values do while a position holds one type. An item lacking one of
    the key attributes is not in the index, as moto's Query leaves it out. A position given a second
    type makes the order unusable (types would not compare as moto compares them): its Queries then
    go to moto whole."""

    def __init__(self, table, hash_attribute, sort_attributes):
        self.table = table
        self.hash_attribute = hash_attribute
        self.sort_attributes = sort_attributes
        self.types = [None] * len(sort_attributes)
        self.partitions = {}
        self.where = {}
        for key, item in keyed_items(table):
            placed = self.entry(item)
            if placed is not None:
                self.partitions.setdefault(placed[0], []).append(placed[1])
                self.where[key] = (placed[0], placed[1][0])
        for entries in self.partitions.values():
            entries.sort(key=first)

    def entry(self, item):
        """(partition, (sort key, item)), or None when the item is not in this index."""
        hash_value = item.attrs.get(self.hash_attribute)
        values = [item.attrs.get(attribute) for attribute in self.sort_attributes]
        if hash_value is None or any(value is None for value in values):
            return None
        for position, value in enumerate(values):
            if self.types[position] is None:
                self.types[position] = value.type
            elif self.types[position] != value.type:
                raise TypeError(f"{self.sort_attributes[position]} holds {self.types[position]} and {value.type}")
        return hash_value, (tuple(value.cast_value for value in values), item)

    def place(self, key, item):
        before = self.where.pop(key, None)
        if before is not None:
            hash_value, sort_key = before
            entries = self.partitions[hash_value]
            del entries[bisect.bisect_left(entries, sort_key, key=first)]
            if not entries:
                del self.partitions[hash_value]
        placed = self.entry(item) if item is not None else None
        if placed is not None:
            bisect.insort(self.partitions.setdefault(placed[0], []), placed[1], key=first)
            self.where[key] = (placed[0], placed[1][0])


def first(entry):
    return entry[0]


def keyed_items(table):
    for hash_value, stored in table.items.items():
        if table.range_key_attr:
            for range_value, item in stored.items():
                yield (hash_value, range_value), item
        else:
            yield (hash_value, None), stored


class Orders:
    """The Order of each table and index a Query has read, built on first use and then kept up to
    date after each write request from the keys it names (one request runs at a time, so an order
    is never read half-updated). A write whose keys are not known drops its table's orders (all of
    them when it names no table), rebuilt on use."""

    def __init__(self):
        self.orders = {}

    def of(self, table, index_name):
        """The table's (index_name None) or index's Order; None when moto must answer alone."""
        slot = (id(table), index_name)
        if slot not in self.orders:
            self.orders[slot] = self.build(table, index_name)
        return self.orders[slot]

    @staticmethod
    def build(table, index_name):
        if not index_name:
            if not table.range_key_attr:
                return None
            hash_attribute, sort_attributes = table.hash_key_attr, [table.range_key_attr]
        else:
            index = next((i for i in table.all_indexes() if i.name == index_name), None)
            if index is None:
                return None
            hashes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
            ranges = [k["AttributeName"] for k in index.schema if k["KeyType"] == "RANGE"]
            if len(hashes) != 1 or len(ranges) > 1 or (not ranges and not table.range_key_attr):
                return None
            # moto's sort for an index Query (Table._generate_attr_to_sort_by): index range key (or,
            # for a GSI without one, the table's range key), then the table's hash and range keys.
            hash_attribute = hashes[0]
            sort_attributes = [ranges[0] if ranges else table.range_key_attr, table.hash_key_attr, table.range_key_attr]
        try:
            return Order(table, hash_attribute, [a for a in sort_attributes if a])
        except TypeError:
            return None

    def drop(self, table_name):
        for slot, order in list(self.orders.items()):
            if table_name is None or order is None or order.table.name == table_name:
                del self.orders[slot]

    def after_write(self, environ, body):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        operation = target.split(".")[-1]
        if not target.startswith("DynamoDB_") or operation in READ_ONLY_TARGETS or not self.orders:
            return
        try:
            request = json.loads(body or b"{}")
            written = written_keys(operation, request)
        except (ValueError, KeyError, TypeError, AttributeError):
            request, written = {}, None
        if written is None:
            table_name = request.get("TableName") if isinstance(request, dict) else None
            self.drop(table_name if isinstance(table_name, str) else None)
            return
        for table_name, named in written:
            for slot, order in list(self.orders.items()):
                if order is None or order.table.name != table_name:
                    continue
                table = order.table
                try:
                    hash_value = DynamoType(named[table.hash_key_attr])
                    range_value = DynamoType(named[table.range_key_attr]) if table.range_key_attr else None
                    stored = table.items.get(hash_value)
                    item = stored.get(range_value) if stored is not None and range_value is not None else stored
                    order.place((hash_value, range_value), item)
                except (KeyError, TypeError, AttributeError, IndexError):
                    # A key moto refused, or a sort position given a second type: rebuilt (or left to moto) on use.
                    del self.orders[slot]


orders = Orders()

# A Query's key condition on the sort key, as the range [lo, hi) of a partition's sorted entries.
RANGE_BOUNDS = {
    "=": lambda entries, key, v: (bisect.bisect_left(entries, v[0], key=key), bisect.bisect_right(entries, v[0], key=key)),
    "<": lambda entries, key, v: (0, bisect.bisect_left(entries, v[0], key=key)),
    "<=": lambda entries, key, v: (0, bisect.bisect_right(entries, v[0], key=key)),
    ">": lambda entries, key, v: (bisect.bisect_right(entries, v[0], key=key), len(entries)),
    ">=": lambda entries, key, v: (bisect.bisect_left(entries, v[0], key=key), len(entries)),
    "BETWEEN": lambda entries, key, v: (bisect.bisect_left(entries, v[0], key=key), bisect.bisect_right(entries, v[1], key=key)),
    "BEGINS_WITH": lambda entries, key, v: prefix_bounds(entries, key, v[0]),
}
for name, same in (("EQ", "="), ("LT", "<"), ("LE", "<="), ("GT", ">"), ("GE", ">=")):
    RANGE_BOUNDS[name] = RANGE_BOUNDS[same]


# moto refuses an item over this many bytes (dynamo_type.LimitedSizeDict).
LARGEST_ITEM = 405000


def prefix_bounds(entries, key, prefix):
    # Values starting with the prefix sort together, from the prefix itself on.
    lo = bisect.bisect_left(entries, prefix, key=key)
    return lo, bisect.bisect_right(entries, prefix, lo, key=lambda entry: key(entry)[: len(prefix)])


def sort_value(entry):
    return entry[0][0]


# The sizes of the items a Query page reaches, by id while the page holds them: moto weighs each
# item twice more against the 1 MB limit, and weighing walks every attribute.
page_sizes = {}


def items_weighed_once_per_page():
    item_class = dynamo_types.Item
    weigh = item_class.size

    def size(self):
        known = page_sizes.get(id(self))
        return weigh(self) if known is None else known

    item_class.size = size


def projections_read_only_projected_attributes():
    """moto projects an item by converting every attribute to Python and back once per projected
    path: reading a page of 3,000 members for three attributes converted ~45 attributes per member.
    When every path is a distinct top-level name (no nesting, no list index), converting just those
    attributes gives the same item (find_nested_key picks the name, merge_dicts adds it)."""
    item_class = dynamo_types.Item
    original_project = item_class.project

    def project(self, projection_expressions):
        names = [path[0] for path in projection_expressions if len(path) == 1]
        if len(names) != len(projection_expressions) or len(set(names)) != len(names) or any(LIST_ELEMENT.match(name) for name in names):
            return original_project(self, projection_expressions)
        picked = {name: dynamo_types.deserializer.deserialize(self.attrs[name].to_regular_json()) for name in names if name in self.attrs}
        return item_class(hash_key=self.hash_key, range_key=self.range_key, attrs=dynamo_types.serializer.serialize(picked)["M"])

    item_class.project = project


# What find_nested_key takes for a list element ('a[1]').
LIST_ELEMENT = re.compile(r"(.+)\[(\d+)\]$")


def query_pages_from_sorted_partitions():
    """moto answers a Query by sorting every item of the table (or index) and walking them from the
    first to the ExclusiveStartKey: at a province's volume each 1 MB page of a 20,000-item
    partition took ~0.5 s, and a 20,000-row export ~35 s. DynamoDB reads one partition from the
    start key on. Here each partition is kept sorted (Orders), the key condition and the start key
    are found by bisection, and moto's own query runs on just the items the page can reach: the
    `Limit` items after the start key (plus the next, which tells moto there is more) or up to the
    1 MB read limit (plus the item over it). moto's matching, sorting, paging, projections and
    filters then decide the answer exactly as they would on the whole table."""
    table_class = dynamodb_models.Table
    original_query = table_class.query

    def reachable(table, hash_key, range_comparison, range_objs, limit, exclusive_start_key, forward, index_name, hash_key_conditions, range_key_conditions):
        """The items a page can reach, or None when moto must walk the table itself."""
        order = orders.of(table, index_name)
        if order is None or len(range_key_conditions or []) > 1 or limit == 0:
            return None
        hash_value = dict(hash_key_conditions or []).get(order.hash_attribute, hash_key) if index_name else hash_key
        if hash_value is None:
            return None
        if range_comparison and (range_key_conditions or [(order.sort_attributes[0],)])[-1][0] != order.sort_attributes[0]:
            return None
        entries = order.partitions.get(hash_value, [])
        lo, hi = 0, len(entries)
        if range_comparison:
            if range_comparison not in RANGE_BOUNDS or any(value.type != order.types[0] for value in range_objs if order.types[0]):
                return None
            lo, hi = RANGE_BOUNDS[range_comparison](entries, sort_value, [value.cast_value for value in range_objs])
        if exclusive_start_key is not None:
            try:
                if DynamoType(exclusive_start_key[order.hash_attribute]) != hash_value:
                    return None
                start = [DynamoType(exclusive_start_key[attribute]) for attribute in order.sort_attributes]
            except (KeyError, TypeError, AttributeError, IndexError):
                return None
            if any(order.types[position] not in (None, value.type) for position, value in enumerate(start)):
                return None
            start_key = tuple(value.cast_value for value in start)
            if forward:
                lo = max(lo, bisect.bisect_right(entries, start_key, key=first))
            else:
                hi = min(hi, bisect.bisect_left(entries, start_key, key=first))
        page, size = [], 0
        for position in range(lo, hi) if forward else range(hi - 1, lo - 1, -1):
            item = entries[position][1]
            page.append(item)
            size += page_sizes.setdefault(id(item), item.size())
            if size > RESULT_SIZE_LIMIT or (limit is not None and len(page) > limit):
                return page
        if not page:
            return page
        # moto walks on past the key condition's range: the next item tells it a full page has more
        # (LastEvaluatedKey), and so does any later one too large for what is left of the 1 MB.
        for position in range(hi, len(entries)) if forward else range(lo - 1, -1, -1):
            item = entries[position][1]
            if len(page) == limit or size + page_sizes.setdefault(id(item), item.size()) > RESULT_SIZE_LIMIT:
                page.append(item)
                break
            if size + LARGEST_ITEM <= RESULT_SIZE_LIMIT:
                break
        return page

    def query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward, projection_expressions, index_name=None, consistent_read=False, filter_expression=None, hash_key_conditions=None, range_key_conditions=None, **filter_kwargs):
        arguments = (hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward, projection_expressions, index_name, consistent_read, filter_expression)
        keywords = {"hash_key_conditions": hash_key_conditions, "range_key_conditions": range_key_conditions, **filter_kwargs}
        page = None
        if not filter_kwargs:
            try:
                page = reachable(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward is not False, index_name, hash_key_conditions, range_key_conditions)
            except TypeError:
                page = None  # values of different types that moto would compare (or refuse) its own way
        if page is None:
            page_sizes.clear()
            return original_query(self, *arguments, **keywords)
        self.all_items = lambda: page
        try:
            return original_query(self, *arguments, **keywords)
        finally:
            del self.all_items
            page_sizes.clear()

    table_class.query = query


def one_at_a_time(app):
    lock = threading.Lock()

    def serve(environ, start_response):
        stream = environ["wsgi.input"]
        length = environ.get("CONTENT_LENGTH")
        if length:
            body = stream.read(int(length))
        elif environ.get("wsgi.input_terminated"):
            body = stream.read()
        else:
            body = b""
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        with lock:
            response = app(environ, start_response)
            try:
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
                orders.after_write(environ, body)

    return serve


def exit_with_parent():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    answer_form_uploads_with_cors()
    transactions_back_up_only_their_items()
    query_pages_from_sorted_partitions()
    items_weighed_once_per_page()
    projections_read_only_projected_attributes()
    app = one_at_a_time(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", int(sys.argv[1]), app, threaded=True)
    threading.Thread(target=exit_with_parent, daemon=True).start()
    print(json.dumps({"port": server.server_port}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
