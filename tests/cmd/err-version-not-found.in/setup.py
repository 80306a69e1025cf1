from setuptools import setup

setup(
    name="demo",
    version="1.2.2",
)
