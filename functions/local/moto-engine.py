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
import copy
import io
import json
import logging
import os
import sys
import threading

# Only the bucket's own CORS rules may answer a browser, as on S3; moto reads this at import.
os.environ["MOTO_DISABLE_GLOBAL_CORS"] = "true"

import moto.dynamodb.models as dynamodb_models  # noqa: E402
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from moto.dynamodb.models.dynamo_type import DynamoType  # noqa: E402
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


class IndexMaps:
    """Items by the value of one index hash-key attribute, per table: what an index Query reads.
    Kept up to date after each write request from the keys it names (one request runs at a time,
    so a map is never read half-updated); any other kind of write drops the maps, rebuilt on use."""

    def __init__(self):
        self.maps = {}

    def items_with(self, table, attribute, value):
        found = self.maps.get((id(table), attribute))
        if found is None:
            found = {"table": table, "attribute": attribute, "groups": {}, "where": {}}
            for key, item in self.keyed_items(table):
                self.place(found, key, item)
            self.maps[(id(table), attribute)] = found
        return list(found["groups"].get(value, {}).values())

    @staticmethod
    def keyed_items(table):
        for hash_value, stored in table.items.items():
            if table.range_key_attr:
                for range_value, item in stored.items():
                    yield (hash_value, range_value), item
            else:
                yield (hash_value, None), stored

    @staticmethod
    def place(found, key, item):
        before = found["where"].pop(key, None)
        if before is not None:
            group = found["groups"][before]
            del group[key]
            if not group:
                del found["groups"][before]
        value = item.attrs.get(found["attribute"]) if item is not None else None
        if value is not None:
            found["where"][key] = value
            found["groups"].setdefault(value, {})[key] = item

    def after_write(self, environ, body):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        operation = target.split(".")[-1]
        if not target.startswith("DynamoDB_") or operation in READ_ONLY_TARGETS or not self.maps:
            return
        try:
            written = written_keys(operation, json.loads(body or b"{}"))
        except (ValueError, KeyError, TypeError, AttributeError):
            written = None
        if written is None:
            self.maps.clear()
            return
        for table_name, named in written:
            for found in self.maps.values():
                table = found["table"]
                if table.name != table_name:
                    continue
                hash_value = DynamoType(named[table.hash_key_attr])
                range_value = DynamoType(named[table.range_key_attr]) if table.range_key_attr else None
                stored = table.items.get(hash_value)
                item = stored.get(range_value) if stored is not None and range_value is not None else stored
                self.place(found, (hash_value, range_value), item)


index_maps = IndexMaps()


def queries_read_only_their_partition():
    """moto answers every Query by walking the whole table (index or not): at a province's volume
    (~100,000 items) one inbox page took seconds and 50 staff at once timed out. DynamoDB reads one
    partition. Here a table Query walks its partition only, and an index Query the items whose index
    hash key matches (IndexMaps). moto's own matching, sorting, paging and filters still run on them."""
    table_class = dynamodb_models.Table
    original_query = table_class.query

    def candidates(table, hash_key, index_name, hash_key_conditions):
        if not index_name:
            partition = table.items.get(hash_key) if hash_key is not None else None
            if partition is None:
                return []
            return list(partition.values()) if table.range_key_attr else [partition]
        index = next((i for i in table.all_indexes() if i.name == index_name), None)
        hash_attributes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"] if index else []
        if len(hash_attributes) != 1:
            return None
        value = dict(hash_key_conditions or []).get(hash_attributes[0], hash_key)
        if value is None:
            return None
        return index_maps.items_with(table, hash_attributes[0], value)

    def query(self, hash_key, *args, **kwargs):
        index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
        found = candidates(self, hash_key, index_name, kwargs.get("hash_key_conditions"))
        if found is None:
            return original_query(self, hash_key, *args, **kwargs)
        self.all_items = lambda: found
        try:
            return original_query(self, hash_key, *args, **kwargs)
        finally:
            del self.all_items

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
                index_maps.after_write(environ, body)

    return serve


def exit_with_parent():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    answer_form_uploads_with_cors()
    transactions_back_up_only_their_items()
    queries_read_only_their_partition()
    app = one_at_a_time(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", int(sys.argv[1]), app, threaded=True)
    threading.Thread(target=exit_with_parent, daemon=True).start()
    print(json.dumps({"port": server.server_port}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
