"""The HSDS 3.0 API (`/api/hsds`): routes, their parameters, the ids each list holds, the OpenAPI document."""
