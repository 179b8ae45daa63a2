def test_smoke(client, world, auth):
    assert client.get("/").status_code == 200
    auth.card(world.child)
    r = client.get("/children/")
    assert r.status_code == 200, r.get_data(as_text=True)
